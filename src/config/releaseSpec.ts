import { z } from 'zod';

/** Differential-privacy release (placeholder: the full schema comes with src/dp). */
export const releaseSchema = z.unknown().describe('Differentially private aggregate release.');
