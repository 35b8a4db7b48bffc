// Everything the lab says above its columns: what runs (status line), what is and isn't kept across reloads,
// the checkpoint offered after a reload, session problems (with restart), and the lab's message line.
import { ErrorNotice } from '../../ui/ErrorNotice';
import type { UserMessage } from '../../workers/text/errorMessages';
import type { EngineChoice } from '../../workers/textProtocol';
import { PersistenceNotices } from './persistence/PersistenceNotices';
import { ResumePrompt } from './persistence/ResumePrompt';
import type { Autosave } from './persistence/useAutosave';
import type { ResumeOffer } from './persistence/useResumeOffer';
import { AutoBackendLine } from './session/AutoBackendLine';
import { SessionAlertView } from './session/SessionAlertView';
import { StatusLine } from './session/StatusLine';
import { WorkStatus } from './session/WorkStatus';
import type { TextSessionControls } from './session/textSessionApi';

interface Props {
  session: TextSessionControls;
  autosave: Autosave;
  modelStoreProblem?: string;
  corpusNote?: string;
  resume: ResumeOffer;
  /** The resume offer's buttons wait (another action runs, or the worker is not up). */
  resumeBusy: boolean;
  onResume(train: boolean): void;
  appliedEngine: EngineChoice;
  onRestart(engine: EngineChoice): void;
  error?: UserMessage;
  /** What long work runs now (session/workWords.ts). */
  work?: string;
  /** Auto's "Measure again", and why it can't run now (if so). */
  onMeasureAgain(): void;
  measureBlocker?: string;
  busy: boolean;
}

export function LabNotices({ session, autosave, modelStoreProblem, corpusNote, resume, resumeBusy, onResume, appliedEngine, onRestart, error, work, onMeasureAgain, measureBlocker, busy }: Props) {
  const { state } = session;
  return (
    <>
      <StatusLine state={state} />
      <AutoBackendLine state={state} onMeasureAgain={onMeasureAgain} blocker={measureBlocker} busy={busy} />
      <WorkStatus words={work} />
      <PersistenceNotices
        autosaveProblem={autosave.problem}
        modelStoreProblem={modelStoreProblem}
        corpusNote={corpusNote}
        otherTab={autosave.otherTab}
        onDismissOtherTab={autosave.dismissOtherTab}
      />
      {resume.offer && state.model === undefined && (
        <ResumePrompt checkpoint={resume.offer} busy={resumeBusy} onResume={() => onResume(true)} onLoad={() => onResume(false)} onDiscard={resume.discard} />
      )}
      {state.alert && (
        <SessionAlertView alert={state.alert} currentEngine={appliedEngine} hasWeights={session.lastBundle() !== undefined} onRestart={onRestart} onDismiss={session.dismissAlert} />
      )}
      {error && <ErrorNotice {...error} className="tl-error" testId="text-error" />}
    </>
  );
}
