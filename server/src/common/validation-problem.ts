import type { ValidationError } from 'class-validator';
import { problem, type ProblemException } from './problem.filter';

/** Field-level validation errors as one 400 problem; nested fields are named by their path (roles, items.0.code). */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fields: { field: string; messages: string[] }[] = [];
  const walk = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      const messages = Object.values(e.constraints ?? {});
      if (messages.length > 0) fields.push({ field, messages });
      if (e.children?.length) walk(e.children, field);
    }
  };
  walk(errors, '');
  return problem(400, 'Invalid request', fields.flatMap((f) => f.messages).join('; ') || 'The request is not valid.', { errors: fields });
}
