import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { httpErrorOf } from '../errors';
import { appErrorOfUpdateFailure } from './conversation-updates';

const failedWith = (type: string | undefined, message: string) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message }));
const answerTo = (type: string | undefined, message = 'why') =>
  httpErrorOf(appErrorOfUpdateFailure(failedWith(type, message)));

test.each([
  ['TransitionRejected', 409],
  ['OutsideWindow', 409],
  ['InvalidRecipient', 422],
  ['BadCredentials', 422],
  ['ProviderRejected', 422],
  ['ProviderUnavailable', 503],
  ['RateLimited', 503],
])('a failed Update of type %s answers %d', (type, status) => {
  expect(answerTo(type)?.status).toBe(status);
});

test("a provider's refusal answers 422 with the provider's reason as the workflow gave it", () => {
  expect(answerTo('InvalidRecipient', "The 'To' number is not a valid WhatsApp number")?.body).toEqual({
    error: "The 'To' number is not a valid WhatsApp number",
    code: 'unprocessable',
  });
});

test('a provider down answers 503 with a retry-after header', () => {
  expect(answerTo('ProviderUnavailable', 'Twilio is not answering')).toMatchObject({
    status: 503,
    headers: { 'retry-after': '5' },
    body: { error: 'Twilio is not answering', code: 'service_unavailable' },
  });
});

test('an Update failure of an unknown type (or none) stays a conflict with its message', () => {
  expect(answerTo('SendFailed', 'lost')).toMatchObject({ status: 409, body: { error: 'lost', code: 'conflict' } });
  expect(answerTo(undefined, 'plain')).toMatchObject({ status: 409, body: { error: 'plain' } });
  expect(answerTo('toString', 'inherited')).toMatchObject({ status: 409 });
});
