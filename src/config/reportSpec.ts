import { z } from 'zod';

/** The determination report's settings (placeholder: the full schema comes with src/report). */
export const reportSchema = z.unknown().describe('Determination report: controls, validity, sign-off.');
