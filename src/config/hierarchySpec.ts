import { z } from 'zod';

/** Hierarchies per QI (placeholder: the full schema is built with src/hierarchy). */
export const hierarchiesSchema = z.record(z.string(), z.unknown()).describe('Generalization hierarchy per quasi-identifier (by column name).');
