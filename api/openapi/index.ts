/**
 * The OpenAPI 3.0 description of the JSON API, served at /api/openapi.json,
 * generated from the zod schemas the services parse (docs/decisions/0096).
 * A new route needs its row in one of these files; test/integration/openapi.test.ts
 * fails for a route that is not documented or not served.
 */
import { authOperations } from './auth';
import { buildDocument } from './build';
import { conversationOperations } from './conversations';
import { settingsOperations } from './settings';

export const openApiDocument = buildDocument([...authOperations, ...settingsOperations, ...conversationOperations]);
