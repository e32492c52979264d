import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds .openapi() to every zod schema, the services' included. Each file of the
// document imports z from here, so the method exists before any of them runs.
extendZodWithOpenApi(z);

export { z };
