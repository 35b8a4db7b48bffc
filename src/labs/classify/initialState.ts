// Where the lab starts: a shared link in the URL wins, then the state saved by the last visit, then the
// tutorial. A bad link or damaged saved state says so and falls back — nothing is applied half-way.
import { DEFAULT_STATE, type LabState } from './labState';
import type { LoadedState } from './persistence';
import { stateFromLinkParam } from './stateCodec';

export function initialLabState(saved: LoadedState, hash: string = window.location.hash): { state: LabState; notice: string | null } {
  const query = hash.split('?')[1] ?? '';
  const shared = new URLSearchParams(query).get('s');
  if (shared !== null) {
    const decoded = stateFromLinkParam(shared);
    if (decoded.ok) return { state: decoded.value, notice: 'Loaded the setup from the shared link.' };
    return { state: saved.state ?? DEFAULT_STATE, notice: `${decoded.error} Your own data was kept.` };
  }
  return { state: saved.state ?? DEFAULT_STATE, notice: saved.error };
}
