// Family contact points (GCM Objective 8(d)): the feature's only public surface.
export {
  createContactPointsService,
  type ContactPointsService,
  type AssignmentListener,
} from './contact-points.service.js';
export { contactPointsRoutes } from './contact-points.routes.js';
export { contactPointsPolicy, CONTACT_POINT, REPORT_CHANNEL } from './contact-points.policy.js';
export { findChannel, loadChannel, type ReportChannel } from './contact-points.channel.js';
export {
  findContactPoint,
  listStaff,
  routingCandidates,
  type ContactPoint,
} from './contact-points.repository.js';
export {
  routeReport,
  scoreCandidate,
  type RoutingCandidate,
  type RoutingFacts,
} from './contact-points.routing.js';
export {
  CHANNEL_KINDS,
  createContactPointBody,
  listContactPointsQuery,
  reassignBody,
} from './contact-points.schemas.js';
