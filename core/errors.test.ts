import { z } from 'zod';
import { AppError, FIELDS_NEED_ATTENTION, httpErrorOf } from './errors';
import { parseInput } from './validation';

test('an AppError answers its status with its message, code and fields', () => {
  expect(httpErrorOf(new AppError('conflict', 'Taken', { name: 'This name is already used' }))).toEqual({
    status: 409,
    headers: {},
    body: { error: 'Taken', code: 'conflict', fields: { name: 'This name is already used' } },
    message: 'Taken',
  });
});

test('bad input: the JSON body names each problem once, the page keeps the banner over its fields', () => {
  const schema = z.object({
    a: z.string().min(2, 'a is too short').max(3, 'a is too long'),
    b: z.number(),
    c: z.number({ required_error: 'Required' }),
  });
  let caught: unknown;
  try {
    parseInput(schema, { a: '' });
  } catch (err) {
    caught = err;
  }
  expect(httpErrorOf(caught)).toEqual({
    status: 400,
    headers: {},
    body: {
      error: 'a is too short; Required',
      code: 'bad_request',
      fields: { a: 'a is too short', b: 'Required', c: 'Required' },
    },
    message: FIELDS_NEED_ATTENTION,
  });
});

test('a 503 tells the client when to retry', () => {
  expect(httpErrorOf(new AppError('service_unavailable', 'Down'))?.headers).toEqual({ 'retry-after': '5' });
});

test("a body the HTTP parser refused (its 4xx status) is the client's fault", () => {
  const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
  expect(httpErrorOf(tooLarge)).toMatchObject({
    status: 413,
    body: { error: 'Bad request: request entity too large', code: 'bad_request' },
  });
});

test('anything else is unmapped: the caller logs it and answers 500', () => {
  expect(httpErrorOf(new Error('boom'))).toBeNull();
  expect(httpErrorOf(Object.assign(new Error('upstream'), { status: 502 }))).toBeNull();
  expect(httpErrorOf('a string')).toBeNull();
  expect(httpErrorOf(null)).toBeNull();
});
