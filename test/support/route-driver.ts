import { attachMissingDocuments } from './documents';
import type { apiClient } from './http';

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

/** Approves stage after stage (each by its own demo user) until the dossier waits at `name` of `orgUnitCode`. */
export async function advanceTo(api: Api, id: string, name: string, orgUnitCode: string): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    const clerkView = await (await api.as('admin')).get(`/dossiers/${id}`);
    const stage = clerkView.body.currentStage as Stage;
    if (stage.name === name && stage.orgUnitCode === orgUnitCode) return;
    const res = await (await api.as(actorOf(stage))).post(`/dossiers/${id}/approve`, { comment: 'Nhất trí' });
    if (res.status !== 200) throw new Error(`approve at ${stage.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  throw new Error(`dossier ${id} never reached ${name} at ${orgUnitCode}`);
}
