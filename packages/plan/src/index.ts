export { type AuditReport, audit } from './audit.js';
export { type DesiredNumber, describeProblem, type FileProblem, type NumbersFile, NumbersFileError, parseNumbersFile } from './file.js';
export type { HeldNumber } from './inventory.js';
export { type ApplyResult, apply, type NumberChange, type Plan, type PlanError, type PlanSwitchboard, plan } from './plan.js';
export { numbersFileSchema } from './schema.js';
