// A small slippy map: the deployment's raster tiles (Web Mercator,
// {z}/{x}/{y}) at the zoom that fits the points, and the points over them.
// It draws one view with no panning, which is all a list of nearby
// vacancies needs, and pulls in no mapping library.

const W = 640;
const H = 320;
const TILE = 256;

function project(lat: number, lon: number, z: number): [number, number] {
  const n = TILE * 2 ** z;
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * n, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n];
}

export function TileMap({ points, tiles, attribution }: { points: { lat: number; lon: number; title: string }[]; tiles: string; attribution: string }) {
  let z = 15;
  for (; z > 1; z--) {
    const xy = points.map((p) => project(p.lat, p.lon, z));
    const xs = xy.map((p) => p[0]);
    const ys = xy.map((p) => p[1]);
    if (Math.max(...xs) - Math.min(...xs) <= W - 40 && Math.max(...ys) - Math.min(...ys) <= H - 40) break;
  }
  const xy = points.map((p) => project(p.lat, p.lon, z));
  const cx = (Math.min(...xy.map((p) => p[0])) + Math.max(...xy.map((p) => p[0]))) / 2;
  const cy = (Math.min(...xy.map((p) => p[1])) + Math.max(...xy.map((p) => p[1]))) / 2;
  const left = cx - W / 2;
  const top = cy - H / 2;
  const images = [];
  const max = 2 ** z;
  for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + W) / TILE); tx++)
    for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + H) / TILE); ty++) {
      if (ty < 0 || ty >= max) continue;
      const wx = ((tx % max) + max) % max;
      const href = tiles.replace("{z}", String(z)).replace("{x}", String(wx)).replace("{y}", String(ty));
      images.push(<image key={`${tx}/${ty}`} href={href} x={tx * TILE - left} y={ty * TILE - top} width={TILE} height={TILE} />);
    }
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Map of the ${points.length} vacancies listed`}>
        <rect width={W} height={H} fill="#eef1f3" />
        {images}
        {xy.map(([x, y], i) => (
          <circle key={i} cx={x - left} cy={y - top} r={6} fill="#1d5e8c" stroke="#fff" strokeWidth={2}>
            <title>{points[i].title}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        Where the {points.length} vacancies listed are. {attribution && <span className="attribution">Map: {attribution}</span>}
      </figcaption>
    </figure>
  );
}
