// "I am alive" messages (Objective 8(c)): the feature's only public surface.
export { createAliveService, type AliveService, ALIVE_LOCALES } from './alive.service.js';
export { aliveRoutes } from './alive.routes.js';
export { alivePages } from './alive.pages.js';
export { alivePolicy, ALIVE_MATCH } from './alive.policy.js';
