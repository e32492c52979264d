import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ensureTemporalBinary } from '../../dev/services';
import {
  archiveUpdate,
  closeUpdate,
  inboundMessageSignal,
  reopenUpdate,
  searchAttributes,
  stateQuery,
} from '../../workflows/definitions';
import { conversationOf, newCustomer, signalInbound } from '../helpers/conversations';
import { startTestStack, type TestStack } from '../helpers/stack';

// The other workflow tests share the run's dev server (test/setup/global-setup.ts). This one
// starts its own through @temporalio/testing's local environment, on the same CLI binary
// (`existing-path`: the SDK's own download needs the internet), to show the thread workflow
// runs unchanged under the SDK's test harness too.
let env: TestWorkflowEnvironment;
let stack: TestStack;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: await ensureTemporalBinary() },
      searchAttributes: Object.values(searchAttributes),
      log: { format: 'pretty', level: 'error' },
    },
  });
  stack = await startTestStack('testing-env', { env: { TEMPORAL_ADDRESS: env.address } });
});

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

test('under @temporalio/testing: a conversation walks open → closed → archived → open, a wrong step is refused, a redelivery is ignored', async () => {
  const from = newCustomer();
  const { threadId, providerMessageId } = await signalInbound(stack, from, 'Hello from the test environment');
  const conversationId = String((await conversationOf(stack, from))._id);
  const handle = env.client.workflow.getHandle(threadId);
  const actor = { userId: 'test-user', name: 'Test Agent' };

  await expect(handle.executeUpdate(archiveUpdate, { args: [{ conversationId, actor }] })).rejects.toBeInstanceOf(
    WorkflowUpdateFailedError,
  );
  expect((await handle.query(stateQuery)).status).toBe('open');

  expect((await handle.executeUpdate(closeUpdate, { args: [{ conversationId, actor }] })).status).toBe('closed');
  expect((await handle.executeUpdate(archiveUpdate, { args: [{ conversationId, actor }] })).status).toBe('archived');
  expect((await handle.executeUpdate(reopenUpdate, { args: [{ conversationId, actor }] })).status).toBe('open');

  // The provider redelivers the first message: the de-dup window keeps it out.
  const state = await handle.query(stateQuery);
  await handle.signal(inboundMessageSignal, {
    provider: 'twilio',
    providerMessageId,
    from,
    text: 'Hello from the test environment',
    media: [],
    receivedAt: new Date().toISOString(),
  });
  // Signals are applied before a later update, so once this close returns the redelivery was seen.
  expect((await handle.executeUpdate(closeUpdate, { args: [{ conversationId, actor }] })).status).toBe('closed');
  const after = await handle.query(stateQuery);
  expect(after.recentProviderMessageIds).toEqual(state.recentProviderMessageIds);
  expect(after.recentProviderMessageIds).toContain(providerMessageId);
  expect(await stack.db.Message.countDocuments({ conversationId, direction: 'inbound' })).toBe(1);

  const described = await handle.describe();
  expect(described.searchAttributes.ConversationStatus).toEqual(['closed']);
});
