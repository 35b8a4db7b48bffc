// The embed view the app is in (src/ui/embedMode.ts), for the labs: whether they are embedded, and which of
// their control groups to show. Outside embed mode every group is shown.
import { createContext, useContext } from 'react';
import type { ControlGroup } from './embedMode';

export interface EmbedState {
  embed: boolean;
  shows(group: ControlGroup): boolean;
}

export const EmbedContext = createContext<EmbedState>({ embed: false, shows: () => true });

export function useEmbed(): EmbedState {
  return useContext(EmbedContext);
}
