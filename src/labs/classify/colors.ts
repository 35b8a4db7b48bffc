// Class colours (colour-blind-friendly, after Okabe & Ito) as CSS strings and as RGB for the heatmap.
export const CLASS_COLORS = ['#e69f00', '#0072b2', '#009e73', '#cc79a7', '#d55e00', '#56b4e9'] as const;
export const CLASS_NAMES = ['orange', 'blue', 'green', 'pink', 'red', 'sky'] as const;

export const CLASS_RGB: ReadonlyArray<readonly [number, number, number]> = CLASS_COLORS.map((hex) => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
]);
