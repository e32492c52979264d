/**
 * Resource route behind the number cards and the Connect New Number modal on the
 * WhatsApp page (components/numbers): GET = the cards' data (or, with
 * ?twilioChoices, the Twilio dropdown); POST = connect / update / toggle / delete.
 */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { can } from '../../../core/auth/permissions';
import { listAiAgents } from '../../../core/services/agents/list-ai-agents';
import { listNumbers } from '../../../core/services/numbers/list-numbers';
import { listTwilioNumberChoices } from '../../../core/services/numbers/list-twilio-number-choices';
import { connectNumber } from '../../../core/services/numbers/connect-number';
import { deleteNumber } from '../../../core/services/numbers/delete-number';
import { setNumberActive } from '../../../core/services/numbers/set-number-active';
import { updateNumber } from '../../../core/services/numbers/update-number';
import { MANUAL_ENTRY } from '../components/numbers/constants';
import { runIntent } from '../utils/action.server';
import { callFor, requireMember } from '../utils/auth.server';
import { refuseBrowserNavigation } from '../utils/data-route.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  refuseBrowserNavigation(request);
  if (new URL(request.url).searchParams.has('twilioChoices')) {
    const { membership } = await requireMember(request, context, params.tenant, 'number:manage');
    return json({
      kind: 'twilio-choices' as const,
      choices: await listTwilioNumberChoices(context.deps, membership.tenantId),
    });
  }
  const member = await requireMember(request, context, params.tenant, 'number:read');
  const call = callFor(request, context, member);
  const [numbers, aiAgents] = await Promise.all([
    listNumbers(context.deps.db, call.scope),
    listAiAgents(context.deps, call),
  ]);
  return json({
    kind: 'numbers' as const,
    numbers,
    aiAgents: aiAgents.map((a) => ({ id: a.id, name: a.name, whatsappEnabled: a.whatsappEnabled })),
    canManage: can(member.membership.role, 'number:manage'),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.tenant, 'number:manage');
  const { scope, actor } = callFor(request, context, member);
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  const intent = String(form.intent ?? '');
  // The modal offers Twilio's numbers in a dropdown plus a manual field; the service takes one address.
  const input = { ...form, address: form.twilioNumber === MANUAL_ENTRY ? form.manualAddress : form.twilioNumber };
  switch (intent) {
    case 'connect':
      return runIntent(intent, async () => {
        const number = await connectNumber(context.deps, scope, input);
        return `"${number.displayName}" is connected.`;
      });
    case 'update':
      return runIntent(intent, async () => {
        const number = await updateNumber(context.deps, scope, form.id, input);
        return `"${number.displayName}" is saved.`;
      });
    case 'toggle':
      return runIntent(intent, async () => {
        const number = await setNumberActive(context.deps, scope, form.id, { active: form.active === 'true' });
        return `"${number.displayName}" is ${number.active ? 'active' : 'inactive'}.`;
      });
    case 'delete':
      return runIntent(intent, async () => {
        await deleteNumber(context.deps, scope, form.id, actor);
        return 'The number is deleted.';
      });
    default:
      throw new Response(`Unknown action "${intent}"`, { status: 400 });
  }
}
