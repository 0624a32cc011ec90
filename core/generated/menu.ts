/* Generated from schemas/menu.schema.json by scripts/schema-types.ts (npm run schemas:types); do not edit. */

/**
 * The encoder menu, declared as data so plugins can add items. Each item opens a page, runs a host action or holds sub-items.
 */
export interface MenuTree {
  $schema?: string;
  /**
   * @minItems 1
   */
  items: Item[];
}
/**
 * This interface was referenced by `MenuTree`'s JSON-Schema
 * via the `definition` "item".
 */
export interface Item {
  id?: string;
  label: string;
  /**
   * Screen page id (plugin-id/page-id or page-id) to open.
   */
  page?: string;
  /**
   * Host action to run, e.g. `shutdown`.
   */
  action?: string;
  /**
   * Ask before running (anything destructive).
   */
  confirm: boolean;
  items?: Item[];
}
