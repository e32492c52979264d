export type { ApiDeps } from '../core/deps';
