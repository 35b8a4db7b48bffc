// The cell race's page side: starts the worker's `race`, grows each cell's curve from its progress events,
// and keeps the finished result (handed to the lab's autosave through onResult).
import { useCallback, useRef, useState } from 'react';
import type { CellType } from '../../../core/text/engine';
import type { RaceEntry } from '../../../workers/textProtocol';
import type { SavedRace } from './raceRecord';
import type { TextSessionCommands } from '../session/textSessionApi';

export function useRace(race: TextSessionCommands['race'], saved: SavedRace | undefined, onResult: (r: SavedRace) => void) {
  const [live, setLive] = useState<RaceEntry[]>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const cancelRef = useRef<(() => void) | undefined>(undefined);

  const start = useCallback(
    async (cells: CellType[], secondsEach: number) => {
      setError(undefined);
      setRunning(true);
      const entries: RaceEntry[] = cells.map((cell) => ({ cell, params: 0, points: [], sample: '' }));
      setLive(entries.map((e) => ({ ...e })));
      try {
        const job = race({ cells, secondsEach }, (e) => {
          const entry = entries.find((x) => x.cell === e.cell);
          if (!entry) return;
          entry.points = [...entry.points, e.point];
          setLive(entries.map((x) => ({ ...x })));
        });
        cancelRef.current = job.cancel;
        const result = await job.result;
        if (result) {
          const { type: _type, id: _id, ...kept } = result;
          onResult(kept);
        }
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        cancelRef.current = undefined;
        setLive(undefined);
        setRunning(false);
      }
    },
    [race, onResult],
  );

  return { entries: live ?? saved?.entries, result: live ? undefined : saved, running, error, start, cancel: () => cancelRef.current?.() };
}
