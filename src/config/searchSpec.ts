import { z } from 'zod';

/** The generalization search (placeholder: the full schema comes with src/search). */
export const searchSchema = z.unknown().describe('Generalization search: suppression limit and utility metric.');
