// Charts, loaded on demand (Recharts is most of the console's weight).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { TileMap } from "./TileMap";

/** DemandChart compares open vacancies and learners progressed per destination. */
export function DemandChart({ rows }: { rows: { occupation: string; vacancies: number; learners: number }[] }) {
  return (
    <figure className="chart">
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 36)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid stroke="#ddd" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="occupation" width={150} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="vacancies" name="Open vacancies within 25 km" fill="#1d5e8c" isAnimationActive={false} />
          <Bar dataKey="learners" name="Learners progressed" fill="#7a4e00" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption>Local demand for where this provider's programmes lead (the table below has the same figures).</figcaption>
    </figure>
  );
}

/**
 * PointsMap draws locations over the deployment's base map, or on a plain
 * background when it has none (no tiles are fetched then).
 */
export function PointsMap({ points, tiles }: { points: { x: number; y: number; title: string }[]; tiles?: { tiles: string; attribution: string } }) {
  if (points.length === 0) return null;
  if (tiles) return <TileMap points={points.map((p) => ({ lon: p.x, lat: p.y, title: p.title }))} tiles={tiles.tiles} attribution={tiles.attribution} />;
  return (
    <figure className="map">
      <ResponsiveContainer width="100%" height={280}>
        <ScatterChart margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#ddd" />
          <XAxis type="number" dataKey="x" name="longitude" domain={["auto", "auto"]} tickFormatter={(v: number) => v.toFixed(2)} />
          <YAxis type="number" dataKey="y" name="latitude" domain={["auto", "auto"]} tickFormatter={(v: number) => v.toFixed(2)} />
          <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(3) : String(v))} />
          <Scatter data={points} fill="#1d5e8c" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
      <figcaption>Where the {points.length} vacancies listed are (longitude across, latitude up).</figcaption>
    </figure>
  );
}


/** InsightChart draws one count per row of an insight table; suppressed rows are left out and named in the caption. */
export function InsightChart({ rows, measure, caption }: { rows: { label: string; value: number }[]; measure: string; caption: string }) {
  return (
    <figure className="chart">
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 32)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid stroke="#ddd" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="value" name={measure} fill="#1d5e8c" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
