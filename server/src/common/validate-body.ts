import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { problem } from './problem.filter';
import { validationProblem } from './validation-problem';

/** The same rules as the global ValidationPipe, for bodies read before it runs (passport strategies). */
export function validateBody<T extends object>(cls: ClassConstructor<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw problem(400, 'Invalid request', 'The request body must be a JSON object.');
  }
  const instance = plainToInstance(cls, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw validationProblem(errors);
  return instance;
}
