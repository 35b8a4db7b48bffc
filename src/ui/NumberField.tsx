// A labelled number input that lets the user type freely and commits a clamped value on blur or Enter
// (committing on every keystroke would clamp "1" before "128" could be typed).
import { useState, useId } from 'react';
import { clamp } from './clamp';
import './formFields.css';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number | 'any';
  integer?: boolean;
  disabled?: boolean;
  hint?: string;
  testId?: string;
  onCommit(value: number): void;
}

export function NumberField({ label, value, min, max, step = 1, integer = true, disabled, hint, testId, onCommit }: Props) {
  const id = useId();
  const [text, setText] = useState<string>();
  const commit = () => {
    if (text === undefined) return;
    const parsed = Number(text);
    setText(undefined);
    if (text.trim() === '' || !Number.isFinite(parsed)) return;
    const v = clamp(integer ? Math.round(parsed) : parsed, min, max);
    if (v !== value) onCommit(v);
  };
  return (
    <label className="tl-field" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={step}
        value={text ?? String(value)}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(undefined);
        }}
        data-testid={testId}
      />
      {hint && (
        <small id={`${id}-hint`} className="tl-hint">
          {hint}
        </small>
      )}
    </label>
  );
}
