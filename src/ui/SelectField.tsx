// A labelled <select> over a fixed set of string values.
import { useId } from 'react';
import './formFields.css';

interface Props<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string; disabled?: boolean }[];
  disabled?: boolean;
  testId?: string;
  onChange(value: T): void;
}

export function SelectField<T extends string>({ label, value, options, disabled, testId, onChange }: Props<T>) {
  const id = useId();
  return (
    <label className="tl-field" htmlFor={id}>
      <span>{label}</span>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const next = options.find((o) => o.value === e.currentTarget.value);
          if (next) onChange(next.value);
        }}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
