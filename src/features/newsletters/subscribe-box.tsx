// What article pages need for the subscribe box: the public lists and where the site
// setting 'newsletter.box' puts the box, read in one query by the page's data loader.
import { sharedValue, withTags } from '../../infra/cache/shared-data.js';
import type { Db } from '../../infra/db.js';
import { publicListsWithPlacement } from './newsletters.repository.js';
import { type BoxPlacement, placementSchema } from './newsletters.schemas.js';
import { type BoxList, SubscribeBox } from './newsletters.views.js';

export interface SubscribeBoxData {
  placement: BoxPlacement;
  lists: BoxList[];
}

/** Pages that show the box depend on these cache tags (lists and settings). */
export const subscribeBoxTags = ['lists', 'settings'] as const;

function placementOf(raw: string | null | undefined): BoxPlacement {
  if (!raw) return 'article-end';
  try {
    const parsed = placementSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : 'article-end';
  } catch {
    return 'article-end';
  }
}

/** The box as article pages show it, kept until a list or the placement changes. */
export const sharedSubscribeBox = sharedValue({
  name: 'subscribe-box',
  load: async (db: Db) => withTags(subscribeBoxTags, await loadSubscribeBox(db)),
});

export async function loadSubscribeBox(db: Db): Promise<SubscribeBoxData> {
  const rows = await publicListsWithPlacement(db);
  return {
    placement: placementOf(rows[0]?.placement),
    lists: rows.map((r) => ({ id: r.id, name: r.name, description: r.description })),
  };
}

/** The box when the setting puts it at this place on the page; nothing otherwise. */
export function PlacedSubscribeBox({
  box,
  at,
}: {
  box: SubscribeBoxData | undefined;
  at: Exclude<BoxPlacement, 'none'>;
}) {
  if (!box || box.placement !== at) return null;
  return <SubscribeBox lists={box.lists} idPrefix={`subscribe-${at}`} />;
}
