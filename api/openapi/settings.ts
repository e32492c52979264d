import { aiAgentInputSchema } from '../../core/services/agents/schemas';
import { cannedResponseInputSchema } from '../../core/services/canned-responses/schemas';
import { deliverUnroutedSchema } from '../../core/services/inbound/deliver-unrouted-messages';
import { metaAppSchema, twilioCredentialsSchema } from '../../core/services/integrations/schemas';
import { numberActiveSchema, numberInputSchema } from '../../core/services/numbers/schemas';
import { room } from './build';
import * as answer from './responses';

const T = '/api/tenants/{tenant}';
const integrations = room(`${T}/integrations`, 'integration:manage');
const aiAgents = { read: room(`${T}/ai-agents`, 'ai-agent:read'), manage: room(`${T}/ai-agents`, 'ai-agent:manage') };
const cannedResponses = {
  read: room(`${T}/canned-responses`, 'canned-response:read'),
  manage: room(`${T}/canned-responses`, 'canned-response:manage'),
};
const numbers = { read: room(`${T}/numbers`, 'number:read'), manage: room(`${T}/numbers`, 'number:manage') };
const unrouted = room(`${T}/unrouted`, 'number:manage');

const aiAgent = { body: aiAgentInputSchema.openapi('AiAgentInput'), answer: answer.AiAgent };
const cannedResponse = {
  body: cannedResponseInputSchema.openapi('CannedResponseInput'),
  answer: answer.CannedResponse,
};
// Create and edit differ only in a rule the document cannot state (its description says it).
const numberInput = numberInputSchema('create').openapi('NumberInput');
const number = { body: numberInput, answer: answer.NumberView };

/** The tenant, and what its owners and admins set up: integrations, AI agents, canned responses, numbers, kept messages. */
export const settingsOperations = [
  room(T, 'conversation:read').get('', 'The tenant and your role in it', { answer: answer.Tenant }),

  integrations.get('', 'Twilio and Meta integrations (no secrets)', { answer: answer.Integrations }),
  integrations.put(
    '/twilio',
    'Connect Twilio: credentials are checked with Twilio first; nothing is saved if they fail',
    {
      body: twilioCredentialsSchema.openapi('TwilioCredentials'),
      answer: answer.TwilioIntegration,
      errors: [400, 503],
    },
  ),
  integrations.delete('/twilio', 'Disconnect Twilio (refused while Twilio numbers exist)', { errors: [409] }),
  integrations.post('/twilio/check', 'Re-check the saved Twilio credentials: Connected or Invalid', {
    answer: answer.TwilioIntegration,
    errors: [503],
  }),
  integrations.put('/meta', 'Save the Meta App Secret; a Verify Token is generated once', {
    body: metaAppSchema.openapi('MetaApp'),
    answer: answer.MetaIntegration,
    errors: [400],
  }),
  integrations.delete('/meta', 'Disconnect Meta (refused while Meta numbers exist)', { errors: [409] }),

  aiAgents.read.get('', 'AI agents', { answer: answer.AiAgentList }),
  aiAgents.manage.post('', 'Create an AI agent', { ...aiAgent, status: 201, errors: [400, 409] }),
  aiAgents.read.get('/{id}', 'One AI agent', { answer: answer.AiAgent }),
  aiAgents.manage.put('/{id}', 'Edit an AI agent (WhatsApp cannot be turned off while active numbers use it)', {
    ...aiAgent,
    errors: [400, 409],
  }),
  aiAgents.manage.delete('/{id}', 'Delete an AI agent (refused while active numbers use it)', { errors: [409] }),

  cannedResponses.read.get('', 'Canned responses (saved replies), by title', { answer: answer.CannedResponseList }),
  cannedResponses.manage.post('', 'Create a canned response (unknown placeholders are refused, naming them)', {
    ...cannedResponse,
    status: 201,
    errors: [400, 409],
  }),
  cannedResponses.read.get('/{id}', 'One canned response', { answer: answer.CannedResponse }),
  cannedResponses.manage.put('/{id}', 'Edit a canned response', { ...cannedResponse, errors: [400, 409] }),
  cannedResponses.manage.delete('/{id}', 'Delete a canned response'),

  numbers.read.get('', 'Connected numbers', { answer: answer.NumberList }),
  numbers.manage.post('', 'Connect a number', { ...number, status: 201, errors: [400, 409] }),
  numbers.manage.get('/twilio-choices', 'The Twilio account’s numbers and WhatsApp senders, for the dropdown', {
    answer: answer.TwilioNumberChoices,
  }),
  numbers.read.get('/{id}', 'One number', { answer: answer.NumberView }),
  numbers.manage.put('/{id}', 'Edit a number (blank accessToken = unchanged)', { ...number, errors: [400, 409] }),
  numbers.manage.delete('/{id}', 'Delete a number'),
  numbers.manage.put('/{id}/active', 'Activate / deactivate (activating needs an AI agent with WhatsApp enabled)', {
    body: numberActiveSchema.openapi('NumberActive'),
    answer: answer.NumberView,
    errors: [400],
  }),

  unrouted.get('', 'Messages kept for numbers this tenant has not connected, by number (newest kept: limit)', {
    answer: answer.UnroutedList,
  }),
  unrouted.post(
    '/connect',
    'Connect this number (same rules as connecting a number), then move its kept messages to the inbox',
    { body: numberInput, answer: answer.UnroutedConnected, status: 201, errors: [400, 409, 503] },
  ),
  unrouted.post('/deliver', 'Move the kept messages of a number connected since to the inbox', {
    body: deliverUnroutedSchema.openapi('UnroutedDeliver'),
    answer: answer.Delivered,
    errors: [400, 503],
  }),
];
