// What happens when the visitor switches tabs, said where training is watched: training carries on in the
// worker (a worker is not throttled like the page's timers), elapsed time and characters per second come from
// the worker's clock, and a checkpoint is taken when the tab is hidden. Shows the last checkpoint's step.
interface Props {
  training: boolean;
  checkpoint?: { step: number; at: number };
}

export function BackgroundNote({ training, checkpoint }: Props) {
  if (!training && !checkpoint) return null;
  return (
    <p className="tl-hint" data-testid="text-background-note">
      Training carries on in the background while this tab is hidden; the time and speed shown are measured by the worker. A checkpoint is kept when you
      switch away.
      {checkpoint && (
        <>
          {' '}
          Last checkpoint:{' '}
          <span data-testid="text-checkpoint" data-step={checkpoint.step}>
            step {checkpoint.step.toLocaleString('en-US')} at {new Date(checkpoint.at).toLocaleTimeString()}
          </span>
          .
        </>
      )}
    </p>
  );
}
