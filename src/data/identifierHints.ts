/**
 * Hints that a column may hold one of the HIPAA Safe Harbor direct identifiers
 * (45 CFR 164.514(b)(2)(i)): names, geographic units smaller than a state (street
 * address, ZIP), all elements of dates except the year, telephone/fax numbers, e-mail,
 * SSN, medical record / account / plan numbers, URLs and IP addresses, and other unique
 * identifying numbers. Hints come from the column name and from the share of values that
 * match a pattern; they never show a value.
 */

export type IdentifierKind =
  | 'name'
  | 'ssn'
  | 'phone'
  | 'email'
  | 'streetAddress'
  | 'fullDate'
  | 'zip'
  | 'recordNumber'
  | 'urlOrIp'
  | 'uniqueId';

export const identifierLabels: Record<IdentifierKind, string> = {
  name: 'person name',
  ssn: 'social security number',
  phone: 'telephone or fax number',
  email: 'e-mail address',
  streetAddress: 'street address',
  fullDate: 'full date (more than the year)',
  zip: 'ZIP code',
  recordNumber: 'medical record, account or plan number',
  urlOrIp: 'URL or IP address',
  uniqueId: 'unique identifying value (almost every value distinct)',
};

/** Column-name patterns, matched against the name lower-cased with separators as '_'. */
const namePatterns: [IdentifierKind, RegExp][] = [
  ['ssn', /(^|_)(ssn|social_security(_number|_no)?|sin)($|_)/],
  ['email', /(^|_)e_?mail($|_|_address)/],
  ['phone', /(^|_)(phone|telephone|tel|mobile|cell|fax)($|_|_number|_no)/],
  ['name', /(^|_)((first|last|full|given|family|middle|sur|patient|person|maiden)_?name|name)$/],
  ['streetAddress', /(^|_)(street|address|addr|address_line_?\d?)($|_)/],
  ['zip', /(^|_)(zip|zipcode|zip_code|postal|postal_code|postcode)($|_)/],
  ['fullDate', /(^|_)(dob|birth_?date|date_of_birth|birthday|.*_date|date|admit|admission|discharge|death|dod|service)(_date|_dt|_ts)?$/],
  ['recordNumber', /(^|_)(mrn|medical_record(_number|_no)?|account(_number|_no|_id)?|acct|member_id|beneficiary(_id)?|policy(_number|_no)?|subscriber_id|patient_id|health_plan(_id)?|license|licence|certificate|vin|device_id|serial(_number)?)($|_)/],
  ['urlOrIp', /(^|_)(url|website|web_site|ip|ip_address|ipv4|ipv6)($|_)/],
];

/** Value patterns (DuckDB regular expressions, matched against the whole text). */
export const valuePatterns: Partial<Record<IdentifierKind, string>> = {
  email: '[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}',
  ssn: '\\d{3}-\\d{2}-\\d{4}',
  phone: '(\\+?1[ .-]?)?\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}',
  zip: '\\d{5}(-\\d{4})?',
  fullDate: '(\\d{4}-\\d{2}-\\d{2}([ T].*)?)|(\\d{1,2}/\\d{1,2}/\\d{2,4})',
  urlOrIp: '(https?://\\S+)|(www\\.\\S+)|(\\d{1,3}(\\.\\d{1,3}){3})',
  recordNumber: '[A-Za-z]{0,4}[-]?\\d{6,12}',
  streetAddress: '(?i)\\d+\\s+[A-Za-z0-9 .]+\\s(st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|pl|place)\\.?',
  name: '[A-Z][a-z]+,? [A-Z][a-z]+',
};

/** Share of non-missing values that must match a value pattern to raise a hint. */
export const valueMatchShare = 0.8;
/** Distinct / non-missing ratio above which a column looks like a unique identifier. */
export const uniqueIdShare = 0.95;

/** Kinds suggested by a column's name alone. */
export function hintsFromName(column: string): IdentifierKind[] {
  const norm = column
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return namePatterns.filter(([, re]) => re.test(norm)).map(([k]) => k);
}

/** Column types that hold full dates. */
export function isDateType(type: string): boolean {
  return /^(DATE|TIMESTAMP)/i.test(type);
}
