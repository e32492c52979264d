import type { Config } from '../config';

/**
 * The Temporal UI's list of a thread's runs (continue-as-new makes several): where ops go from a
 * chat. A list query by WorkflowId, not a run's page, so it holds for every run and UI version.
 */
export function temporalUiWorkflowUrl(
  config: Pick<Config, 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE'>,
  workflowId: string,
): string {
  const base = config.TEMPORAL_UI_URL.replace(/\/+$/, '');
  const query = new URLSearchParams({ query: `WorkflowId="${workflowId}"` });
  return `${base}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows?${query}`;
}
