/** The tenant the demo credentials speak for (any GUID works; this one is the spec's example). */
export const DEMO_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
