// What ran: the browser, and for each engine its backend, GPU adapter or renderer — software ones flagged.
import { SPEED_ENGINE_LABELS as ENGINE_LABELS } from '../../core/bench/tasks';
import type { EngineInfo } from '../../core/bench/results';

interface Props {
  userAgent: string;
  engines: readonly EngineInfo[];
}

function describe(info: EngineInfo): string {
  if (!info.available) return `unavailable — ${info.reason ?? 'could not start'}`;
  if (info.engine === 'scratch') return 'plain JavaScript on typed arrays, no TensorFlow.js';
  const parts = [`backend ${info.backend}`];
  if (info.adapter) {
    const a = info.adapter;
    const name = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ');
    parts.push(`adapter ${name || '(unnamed)'}`);
  }
  if (info.renderer) parts.push(`renderer ${info.renderer}`);
  if (info.tfjsVersion) parts.push(`TensorFlow.js ${info.tfjsVersion}`);
  return parts.join(' · ');
}

export function EnvironmentPanel({ userAgent, engines }: Props) {
  return (
    <div className="speed-env" data-testid="speed-env">
      <p className="small">
        Browser: <code data-testid="speed-useragent">{userAgent || navigator.userAgent}</code>
      </p>
      {engines.length > 0 && (
        <ul className="speed-engines">
          {engines.map((info) => (
            <li
              key={info.engine}
              data-testid="speed-engine-info"
              data-engine={info.engine}
              data-available={info.available}
              data-software={info.software}
              className={info.available ? undefined : 'muted'}
            >
              <strong>{ENGINE_LABELS[info.engine]}</strong>: {describe(info)}
              {info.software && (
                <strong className="warning" data-testid="speed-software-flag">
                  {' '}
                  ⚠ software {info.adapter ? 'fallback adapter' : 'renderer'} (no GPU): far slower than real hardware
                </strong>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
