import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

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
