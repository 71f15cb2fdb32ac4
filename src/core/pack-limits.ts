/**
 * What the reader may keep of story packs (docs/packs.md): the options page says it, the
 * background and the validator hold to it. Apart from pack.ts so that a page can show the limits
 * without bundling the validator.
 */
export const PACK_LIMITS = { packs: 50, bytes: 10 * 1024 * 1024 } as const;
