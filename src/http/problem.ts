// RFC 9457 problem details: every error the API returns, built in one place.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ConflictError, type Issue, ValidationError } from '../errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Issue[];
  [extension: string]: unknown;
}

export function problemType(slug: string): string {
  return `urn:keruen:problem:${slug}`;
}

function fromValidation(error: FastifyError): Problem {
  const context = (error as { validationContext?: string }).validationContext ?? 'request';
  const issues = (error.validation ?? []).map((v) => {
    const path = (v.instancePath ?? '').split('/').filter(Boolean);
    const field = [context === 'querystring' ? 'query' : context, ...path].join('.');
    return { field, reason: v.message ?? 'invalid' };
  });
  return {
    type: problemType('validation'),
    title: 'Invalid input',
    status: 400,
    detail: `the request has ${issues.length} invalid field${issues.length === 1 ? '' : 's'}`,
    errors: issues,
  };
}

/** Maps any error to a problem. Messages of unexpected errors never leave the server. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    const problem: Problem = {
      type: problemType(error.type),
      title: error.title,
      status: error.status,
      detail: error.message,
    };
    if (error instanceof ValidationError) problem.errors = error.issues;
    if (error instanceof ConflictError) Object.assign(problem, error.details);
    return problem;
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError) || fastifyError.validation)
    return fromValidation(fastifyError);
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      type: problemType(
        fastifyError.code ? fastifyError.code.toLowerCase().replace(/_/g, '-') : 'bad-request',
      ),
      title: 'Bad request',
      status,
      detail: fastifyError.message,
    };
  }
  return {
    type: problemType('internal'),
    title: 'Internal server error',
    status: 500,
    detail: 'The server failed to answer; the error is logged.',
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  return reply
    .status(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send({ ...problem, instance: request.url });
}
