// A throwaway worker that turns a regular expression into a probe target (src/core/text/inside/regexTarget.ts).
// The page terminates it when it runs past its time budget (src/labs/text/inside/regexTargetClient.ts).
import { regexTarget } from '../core/text/inside/regexTarget';

self.onmessage = (e: MessageEvent<{ text: string; pattern: string }>) => {
  const result = regexTarget(e.data.text, e.data.pattern);
  if (result.ok) (self as unknown as Worker).postMessage(result, [result.target.buffer]);
  else (self as unknown as Worker).postMessage(result);
};
