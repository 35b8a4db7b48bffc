export function SpeedLab() { return <p>Speed lab coming.</p>; }
