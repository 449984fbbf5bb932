import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** Collects every route's schemas; the document is generated from it at /openapi.json. */
export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  return registry;
}

/** Generates the OpenAPI 3.1 document. */
export function generateOpenApi(registry: OpenAPIRegistry, serverUrl: string): object {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Ariadne API',
      version: '1',
      description:
        'Case system for missing migrants and family tracing (Global Compact for Migration, Objective 8).',
    },
    servers: [{ url: serverUrl }],
  });
}

/** A JSON Web Key Set of public keys (RFC 7517), as the JWKS routes answer. */
export const jwksSchema = z
  .object({
    keys: z.array(
      z.looseObject({
        kty: z.string(),
        kid: z.string().optional(),
        crv: z.string().optional(),
        x: z.string().optional(),
        alg: z.string().optional(),
        use: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Jwks' });
