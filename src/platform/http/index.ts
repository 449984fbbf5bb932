export { defineRoute, mountRoutes, type RouteSpec, type RouteContext } from './route.js';
export { createOpenApiRegistry, generateOpenApi, jwksSchema } from './openapi.js';
export { requestId } from './request-id.js';
export { authenticate, type ActorResolver } from './authenticate.js';
export { errorHandler, notFoundHandler, registerConstraintField } from './error-handler.js';
export { pageOf, pagination, paginationUpTo, type Page, type PageRequest } from './pagination.js';
export { createIdempotencyStore, type IdempotencyStore } from './idempotency.js';
export { keepConnections, KEEP_ALIVE_SECONDS } from './keep-alive.js';
