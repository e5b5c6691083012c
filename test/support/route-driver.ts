import { attachMissingDocuments } from './documents';
import type { Caller, apiClient } from './http';

type Api = ReturnType<typeof apiClient>;

export interface Stage {
  name: string;
  orgUnitCode: string;
  role: string;
}

/** The demo user who acts on a stage: `<org>.<role>`. */
export const actorOf = (stage: Stage) => `${stage.orgUnitCode}.${stage.role.toLowerCase()}`;

/** Creates a dossier, attaches its papers and submits it; returns its id. */
export async function createAndSubmit(
  api: Api,
  clerk: string,
  awardCode: string,
  nomineeName: string,
  extra: object = {},
): Promise<string> {
  const caller = await api.as(clerk);
  const created = await caller.post('/dossiers', {
    awardCode,
    nominee: { kind: 'INDIVIDUAL', name: nomineeName },
    achievementSummary: `Thành tích của ${nomineeName}`,
    ...extra,
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  await attachMissingDocuments(caller, created.body.id);
  const submitted = await caller.post(`/dossiers/${created.body.id}/submit`);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return created.body.id;
}

/**
 * Closes a session as its secretary does: the close answers at once (202) and the session's close workflow
 * moves the dossiers; this follows the session until every dossier has its outcome and returns that view.
 */
export async function closeSession(secretary: Caller, sessionId: string, body: object = {}) {
  const accepted = await secretary.post(`/councils/sessions/${sessionId}/close`, body);
  if (accepted.status !== 202) throw new Error(`close session: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  for (let attempt = 0; attempt < 600; attempt++) {
    const view = await secretary.get(`/councils/sessions/${sessionId}`);
    if (view.body.closing?.complete) return { accepted, closed: view.body };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`session ${sessionId} never finished closing`);
}

/**
 * Passes a COUNCIL stage the only way the workflow allows: the council's secretary opens a session for the
 * dossier, every member votes yes and the secretary closes it. Returns the closed session's view.
 */
export async function passCouncil(api: Api, id: string, orgUnitCode: string) {
  const secretary = await api.as(`${orgUnitCode}.council`);
  const opened = await secretary.post('/councils/sessions', { title: `Phiên họp xét hồ sơ ${id}`, dossierIds: [id] });
  if (opened.status !== 201) throw new Error(`open session: ${opened.status} ${JSON.stringify(opened.body)}`);
  const roll = await secretary.get(`/councils/sessions/${opened.body.id}/members`);
  for (const m of roll.body.items as { username: string }[]) {
    const voted = await (
      await api.as(m.username)
    ).post(`/councils/sessions/${opened.body.id}/votes`, { votes: [{ dossierId: id, vote: 'YES' }] });
    if (voted.status !== 201 && voted.status !== 200) {
      throw new Error(`vote ${m.username}: ${voted.status} ${JSON.stringify(voted.body)}`);
    }
  }
  const { closed } = await closeSession(secretary, opened.body.id);
  const item = closed.items?.find((i: { dossierId: string }) => i.dossierId === id);
  if (item?.outcome !== 'APPROVED') throw new Error(`close session: ${JSON.stringify(closed)}`);
  return closed;
}

/**
 * Moves stage after stage (each by its own demo user: an approval, or a council session at a COUNCIL stage)
 * until the dossier waits at `name` of `orgUnitCode`.
 */
export async function advanceTo(api: Api, id: string, name: string, orgUnitCode: string): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    const clerkView = await (await api.as('admin')).get(`/dossiers/${id}`);
    const stage = clerkView.body.currentStage as Stage;
    if (stage.name === name && stage.orgUnitCode === orgUnitCode) return;
    if (stage.name === 'COUNCIL') {
      await passCouncil(api, id, stage.orgUnitCode);
      continue;
    }
    const res = await (await api.as(actorOf(stage))).post(`/dossiers/${id}/approve`, { comment: 'Nhất trí' });
    if (res.status !== 200) throw new Error(`approve at ${stage.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  throw new Error(`dossier ${id} never reached ${name} at ${orgUnitCode}`);
}
