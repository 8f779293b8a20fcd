// The parts of @doyensec/csp-evaluator (Google's CSP Evaluator, as used by electronegativity) the tests use.
declare module '@doyensec/csp-evaluator' {
  export interface Finding {
    type: number;
    description: string;
    severity: number;
    directive: string;
    value?: string;
  }
  export class CspParser {
    constructor(policy: string);
    csp: unknown;
  }
  export class CspEvaluator {
    constructor(csp: unknown, version: unknown);
    evaluate(): Finding[];
  }
  export const Version: { CSP1: unknown; CSP2: unknown; CSP3: unknown };
}
