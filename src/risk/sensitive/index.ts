/** Attribute-disclosure measures over per-class histograms of one sensitive attribute. */
export * from './classHistograms.js';
export * from './distinctL.js';
export * from './entropyL.js';
export * from './recursiveCL.js';
export * from './valueHierarchy.js';
export * from './tCloseness.js';
export * from './betaLikeness.js';
export * from './deltaDisclosure.js';
export * from './select.js';
export * from './evaluate.js';
