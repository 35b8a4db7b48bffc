// A corpus the worker (or the page) would not use, with the reason in plain words and a reminder that nothing
// was lost: the previous corpus stays in use and the typed text stays in the box.
import { userMessageOf, type CarriesUserMessage } from '../../userMessage';
import type { UserMessage } from '../../../workers/text/errorMessages';

export class CorpusRefused extends Error implements CarriesUserMessage {
  readonly user: UserMessage;
  constructor(cause: unknown) {
    const user = userMessageOf(cause);
    super(user.message, { cause });
    this.name = 'CorpusRefused';
    const kept = 'The previous corpus is still in use, and your text stays in the box.';
    this.user = { ...user, next: user.next ? `${user.next} ${kept}` : kept };
  }
}
