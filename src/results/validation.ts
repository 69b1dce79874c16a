// What `validate` answers: errors and warnings per guide file. Built by src/guide-validation.ts, rendered by
// src/render/validate.ts.

/** One finding as the JSON document gives it. */
export interface FindingJson {
  message: string;
  /** File line, null when the finding is about the whole file. */
  line: number | null;
  code: string;
}

export interface FileReport {
  path: string;
  company: string | null;
  role: string | null;
  errors: FindingJson[];
  warnings: FindingJson[];
  /** Said, never a problem (`--strict` passes): e.g. a bare $ read as the bands' dollar. */
  notes: string[];
}

export interface ValidationReport {
  files: FileReport[];
  errorCount: number;
  warningCount: number;
  strict: boolean;
}
