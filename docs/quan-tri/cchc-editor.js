// The staff editor's one addition to Decap CMS: a new article or practice gets its permanent
// id ("ma", the feed's GUID) when it is first saved, the way `cchc-bai-moi` makes one.
/* global CMS */
CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    const data = entry.get("data");
    const collection = entry.get("collection");
    const isEntry = collection === "mo-hinh" || collection.startsWith("bai-viet-");
    if (!isEntry || data.get("ma")) {
      return data;
    }
    return data.set("ma", "urn:uuid:" + crypto.randomUUID());
  },
});
