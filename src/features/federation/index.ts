// The transnational channel's public surface: the service and routes, and the protocol pieces
// other features reuse (envelope, keys, peers, agreements, channel and outbox).
export {
  createFederationService,
  hostedJurisdictions,
  type FederationService,
} from './federation.service.js';
export { federationRoutes } from './federation.routes.js';
export {
  createAgreementBody,
  createPeerBody,
  rotateBody,
  PURPOSES as AGREEMENT_PURPOSES,
} from './federation.schemas.js';
export {
  federationPolicy,
  FEDERATION_AGREEMENT,
  FEDERATION_PEER,
  FEDERATION_NODE,
  CROSS_BORDER_CANDIDATE,
} from './federation.policy.js';
export {
  createChannel,
  httpTransport,
  type Channel,
  type ChannelOptions,
  type DeliveryOutcome,
  type MessageHandler,
  type ReceivedMessage,
  type Transport,
} from './federation.channel.js';
export {
  signMessage,
  verifyMessage,
  encryptPayload,
  decryptPayload,
  MessageRejected,
  MESSAGE_TYP,
  REJECTIONS,
  type MessageClaims,
  type Rejection,
} from './federation.envelope.js';
export {
  NodeKeys,
  NODE_SIG_ALG,
  NODE_ENC_ALG,
  type NodeJwk,
  type KeyUse,
} from './federation.keys.js';
export { createTrust, httpJwksFetcher, type JwksFetcher, type Trust } from './federation.trust.js';
export {
  agreementAllowing,
  agreementsFrom,
  findPeerByNode,
  peerForJurisdiction,
  type AgreementRow,
  type MessageKind,
  type PeerRow,
} from './federation.repository.js';
export { ensureSubject } from './federation.profiles.repository.js';
export {
  deleteNotified,
  upsertCandidate,
  type CrossCandidateRow,
} from './federation.candidates.repository.js';
