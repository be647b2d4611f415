/**
 * The determination report's settings (spec key `report`): who receives the data and why,
 * the controls the determination depends on, how long it stays valid, and the expert's
 * sign-off. None of it is data: it is what the expert writes about the release.
 */
import { z } from 'zod';

/**
 * The recipient's obligations a determination usually depends on (HHS, Guidance Regarding
 * Methods for De-identification, 2012, 2.10; El Emam 2013, ch. 12), used when the spec lists none.
 */
export const defaultControls: readonly string[] = [
  'A data use agreement binds the recipient to these conditions before any data is delivered.',
  'No attempt to re-identify any individual, and no contact with any individual who is a subject of the data.',
  'No linkage of the data with other data about the same individuals, except as the data use agreement allows.',
  'Access limited to named personnel, on systems with access controls and audit logging.',
  'No onward disclosure of record-level data, and no publication of counts smaller than the required class size, without a new determination.',
  'Retention limited to the purpose stated, then secure destruction, confirmed in writing.',
  'Any suspected re-identification, breach or change of purpose is reported to the data provider promptly.',
];

export const signOffSchema = z
  .strictObject({
    expertName: z.string().min(1).optional().describe('Name of the expert who signs the determination.'),
    credentials: z.string().min(1).optional().describe('Qualifications (degrees, certifications, relevant experience).'),
    organisation: z.string().min(1).optional().describe('Organisation the expert signs for.'),
    date: z.iso.date().optional().describe('Date of the determination (YYYY-MM-DD); the re-evaluation date counts from it (else from the run date).'),
    statement: z.string().min(1).optional().describe('Statement of determination; a standard wording citing 45 CFR 164.514(b)(1) when absent.'),
  })
  .describe('Sign-off fields; those absent are left blank in the report, to be filled by hand.');

export const reportSchema = z
  .strictObject({
    recipient: z.string().min(1).optional().describe('Who receives the data (organisation and role).'),
    purpose: z.string().min(1).optional().describe('What the recipient may use the data for.'),
    assumptions: z
      .array(z.string().min(1))
      .default([])
      .describe('Further assumptions the determination relies on (e.g. what an attacker can know), shown with the adversary model.'),
    controls: z
      .array(z.string().min(1))
      .min(1)
      .default([...defaultControls])
      .describe("The recipient's obligations the determination depends on (data use agreement, no linkage, access controls, retention); a standard list when absent."),
    validityMonths: z
      .number()
      .int()
      .min(1)
      .max(120)
      .default(12)
      .describe('Months the determination stays valid before it must be re-evaluated (e.g. 12 or 24; default 12).'),
    signOff: signOffSchema.optional(),
  })
  .describe('Determination report: recipient, purpose, controls, validity, sign-off.');

/** Report settings, defaults applied. */
export type ReportSpec = z.output<typeof reportSchema>;
/** Report settings as written in a spec. */
export type ReportSpecInput = z.input<typeof reportSchema>;
export type SignOffSpec = z.output<typeof signOffSchema>;
