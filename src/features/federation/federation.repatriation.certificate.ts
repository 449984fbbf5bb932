// The data of a crossed chain's custody certificate (ADR 0086), split by the side that recorded
// each event, rendered by the documents feature.
import { renderCrossedCustodyCertificate } from '../documents/index.js';
import type {
  ChainEvent,
  CrossedChainCheck,
  TransferRow,
} from './federation.repatriation.chain.js';

const printed = (e: ChainEvent) => ({
  position: e.position,
  kind: e.kind,
  occurredAt: new Date(e.occurredAt).toISOString(),
  custodian: e.custodian,
  location: e.location,
  burial: e.burial,
  documents: e.documents,
  hash: e.hash,
});

/** Renders the certificate of a transfer from its verified chain, as issued by `nodeId`. */
export async function crossedCertificate(
  t: TransferRow,
  v: CrossedChainCheck,
  nodeId: string,
): Promise<Buffer> {
  const sent = v.chain.filter((e) => e.position <= t.headPosition).map(printed);
  const after = v.chain.filter((e) => e.position > t.headPosition).map(printed);
  const incoming = t.direction === 'incoming';
  return renderCrossedCustodyCertificate({
    remainsCode: t.remainsCode,
    transferId: t.transferId,
    issuer: {
      jurisdiction: t.jurisdiction,
      node: nodeId,
      direction: t.direction,
    },
    sending: {
      jurisdiction: incoming ? t.foreignJurisdiction : t.jurisdiction,
      node: v.crossing.signedBy,
      kid: v.crossing.kid,
      events: sent,
    },
    receiving: {
      jurisdiction: incoming ? t.jurisdiction : t.foreignJurisdiction,
      events: after,
    },
    verification: {
      ok: v.ok,
      checked: v.check.checked,
      headHash: v.check.headHash,
      ...(v.check.firstBroken ? { firstBroken: v.check.firstBroken } : {}),
      signatureValid: v.crossing.signatureValid,
      crossingPosition: t.headPosition,
      crossingHash: t.headHash,
    },
    issuedAt: new Date().toISOString(),
  });
}
