// Identifiers taken from the RetailNext / Exteros / Flow documents, so that every example request in
// the documents (which names these UUIDs, store codes and location names) works against the simulator.

export interface FixedRegion {
  uuid: string;
  name: string;
  /** null = top level (parent is the subscription) */
  parent: string | null;
  zones: string[];
}

export const FIXED_REGIONS: FixedRegion[] = [
  { uuid: '22940210-f49b-11e6-944b-c0001cd87189', name: 'West Coast', parent: null, zones: ['America/Los_Angeles'] },
  { uuid: '01b1ed64-f49b-11e6-9ef8-400075388ff3', name: 'Central', parent: null, zones: ['America/Chicago', 'America/Denver'] },
  { uuid: '5b0c6d2e-f49b-11e6-8d2a-c0004e5a11f0', name: 'East Coast', parent: null, zones: ['America/New_York'] },
  { uuid: 'df62161a-64c8-11e6-82d4-c0008ffc38ce', name: 'Silicon Valley', parent: '22940210-f49b-11e6-944b-c0001cd87189', zones: ['America/Los_Angeles'] },
  { uuid: '286b1000-f8b1-11e7-9337-c0009584d333', name: 'Bay Area', parent: '22940210-f49b-11e6-944b-c0001cd87189', zones: ['America/Los_Angeles'] },
  { uuid: '22940210-f49b-11e6-944b-c0001cd78189', name: 'Pacific Northwest', parent: '22940210-f49b-11e6-944b-c0001cd87189', zones: ['America/Los_Angeles'] },
];

/** Zones for generated top-level regions (whole-hour offsets only). */
export const EXTRA_REGION_ZONES: { name: string; zones: string[] }[] = [
  { name: 'United Kingdom', zones: ['Europe/London'] },
  { name: 'Central Europe', zones: ['Europe/Berlin', 'Europe/Paris'] },
  { name: 'Japan', zones: ['Asia/Tokyo'] },
  { name: 'Australia', zones: ['Australia/Sydney'] },
  { name: 'Mountain', zones: ['America/Denver'] },
  { name: 'Atlantic Canada', zones: ['America/Halifax'] },
];

export interface FixedStore {
  uuid: string;
  name: string;
  store_id: string;
  region: string;
  time_zone: string;
  occupancy_limit: number | null;
  area: number | null;
  exterosName?: string;
  exterosStaleHours?: number;
}

export const FIXED_STORES: FixedStore[] = [
  { uuid: 'aec3dc7e-9e2c-11e5-9bb4-0e5ba9bee1b9', name: 'Caspar City Plaza', store_id: '50', region: '22940210-f49b-11e6-944b-c0001cd87189', time_zone: 'America/Los_Angeles', occupancy_limit: 50, area: null },
  { uuid: '86b03ba2-a117-11ea-802c-c00010892d7a', name: 'Willow Glen', store_id: '101', region: '01b1ed64-f49b-11e6-9ef8-400075388ff3', time_zone: 'America/Chicago', occupancy_limit: 15, area: null },
  { uuid: 'aec5c886-9e2c-11e5-9bb7-0e5ba9bee1b9', name: 'Oakridge', store_id: '102', region: '22940210-f49b-11e6-944b-c0001cd87189', time_zone: 'America/Los_Angeles', occupancy_limit: 40, area: 5400 },
  { uuid: 'dace69f6-b307-11e9-819d-0000698cf233', name: 'San Jose Store', store_id: '103', region: 'df62161a-64c8-11e6-82d4-c0008ffc38ce', time_zone: 'America/Los_Angeles', occupancy_limit: 300, area: 12000 },
  { uuid: '2512a786-a117-11ea-874c-8000df845ed7', name: 'Santana Row', store_id: '104', region: 'df62161a-64c8-11e6-82d4-c0008ffc38ce', time_zone: 'America/Los_Angeles', occupancy_limit: 80, area: 6800 },
  { uuid: 'af1fd977-9e2c-11e5-9bbe-0e5ba9bee1b9', name: 'Garden Station', store_id: '105', region: '286b1000-f8b1-11e7-9337-c0009584d333', time_zone: 'America/Los_Angeles', occupancy_limit: 60, area: 4200 },
  { uuid: '813737be-9f9d-11ea-8372-000008adea78', name: 'Valley Fair', store_id: '106', region: 'df62161a-64c8-11e6-82d4-c0008ffc38ce', time_zone: 'America/Los_Angeles', occupancy_limit: 120, area: 9100 },
  { uuid: 'a434a682-30a0-11ea-896a-00005f259c6e', name: 'Stanford Shopping Center', store_id: '107', region: '286b1000-f8b1-11e7-9337-c0009584d333', time_zone: 'America/Los_Angeles', occupancy_limit: null, area: 7300 },
  { uuid: 'af21ffd8-9e2c-11e5-9bc9-0e5ba9bee1b9', name: 'Los Gatos', store_id: '108', region: 'df62161a-64c8-11e6-82d4-c0008ffc38ce', time_zone: 'America/Los_Angeles', occupancy_limit: 35, area: 2600 },
  { uuid: '3749e26c-a7da-11e8-9eae-40007c493637', name: 'Portland Pearl', store_id: '109', region: '22940210-f49b-11e6-944b-c0001cd78189', time_zone: 'America/Los_Angeles', occupancy_limit: 45, area: 3900 },
  { uuid: '64b13bf4-35af-11e7-9c1c-c000609b0f52', name: 'Seattle Westlake', store_id: '110', region: '22940210-f49b-11e6-944b-c0001cd78189', time_zone: 'America/Los_Angeles', occupancy_limit: 70, area: 5200 },
  { uuid: 'e235aee4-cf7a-11e5-973e-8000a847d47a', name: 'Chicago Loop', store_id: '111', region: '01b1ed64-f49b-11e6-9ef8-400075388ff3', time_zone: 'America/Chicago', occupancy_limit: 90, area: 8000 },
  { uuid: '18ef3a2e-cc3f-11e6-8d5c-0000124e6871', name: 'Denver Union Station', store_id: '112', region: '01b1ed64-f49b-11e6-9ef8-400075388ff3', time_zone: 'America/Denver', occupancy_limit: 40, area: 3500 },
  { uuid: 'ff94800e-7c5f-11e6-8056-c000704d0145', name: 'Austin Domain', store_id: '113', region: '01b1ed64-f49b-11e6-9ef8-400075388ff3', time_zone: 'America/Chicago', occupancy_limit: 35, area: 3100 },
  { uuid: '9c1f2a64-0b7e-11ea-8d71-c0003468a1b2', name: 'Madison Ave Store', store_id: '114', region: '5b0c6d2e-f49b-11e6-8d2a-c0004e5a11f0', time_zone: 'America/New_York', occupancy_limit: 150, area: 10500, exterosName: 'madison-ave-store' },
  { uuid: '9c1f2a65-0b7e-11ea-8d71-c0003468a1b2', name: '5th Ave Popup', store_id: '115', region: '5b0c6d2e-f49b-11e6-8d2a-c0004e5a11f0', time_zone: 'America/New_York', occupancy_limit: 25, area: 1200, exterosName: '5th-ave-popup', exterosStaleHours: 24 * 9 + 5 },
];

/** Index (in estate.stores) of the store that opens 22:00 and closes 06:00 the next day. */
export const OVERNIGHT_STORE_INDEX = FIXED_STORES.length;

export const FIXED_USER_PROFILES = [
  { id: 'b43dfbe6-1b4d-11e9-93fd-4000551d9e45', name: 'API Example', admin: false },
  { id: 'f76545a0-5e0e-11ea-8d71-c0003468dbae', name: 'Store Manager', admin: false },
  { id: '8b26a6c0-5027-11eb-8039-8000f92819c5', name: 'Regional Manager', admin: false },
  { id: '74178848-bbf4-11e8-8fcb-40000e637ca2', name: 'Loss Prevention', admin: false },
  { id: '64178848-bbf4-11e8-8fcb-40000e637ca1', name: 'Subscription Admin', admin: true },
];

export const FIXED_LOCATION_PROFILES = [
  { id: 'bffb9ff6-1b4d-11e9-8b97-000006c38736', name: 'API Example', locations: ['e235aee4-cf7a-11e5-973e-8000a847d47a'] },
  { id: 'fb1fcd84-7b9c-11e7-937e-4000eba63dc2', name: 'All Stores', locations: ['*'] },
  { id: '9e701012-4c76-11e7-853d-c0001c66456e', name: 'West Coast', locations: ['22940210-f49b-11e6-944b-c0001cd87189'] },
  { id: '93334489-6d6a-11eb-9ec3-00000d9c1e4f', name: 'Central', locations: ['01b1ed64-f49b-11e6-9ef8-400075388ff3'] },
];

export const FIXED_USERS = [
  { id: '2abe8330-5e0f-11ea-8522-c0009d2f3ea6', type: 'local' as const, name: 'RetailNext_User', email: 'retailnextuser@domain.com', profile: 'f76545a0-5e0e-11ea-8d71-c0003468dbae', locationProfile: 'fb1fcd84-7b9c-11e7-937e-4000eba63dc2' },
  { id: '332e3c2e-5029-11eb-8b74-40002f864572', type: 'local' as const, name: 'RN user', email: 'rnuser@domain.com', profile: '64178848-bbf4-11e8-8fcb-40000e637ca1', locationProfile: 'fb1fcd84-7b9c-11e7-937e-4000eba63dc2' },
  { id: '5d0b1c2a-5e0f-11ea-8522-c0009d2f3e01', type: 'local' as const, name: 'Store Manager 0', email: 'storemanager0@domain.com', profile: 'f76545a0-5e0e-11ea-8d71-c0003468dbae', locationProfile: 'bffb9ff6-1b4d-11e9-8b97-000006c38736' },
];

/** Devices named in the documents: [store uuid, what to pin]. */
export const DOC_CAMERA = {
  store: 'a434a682-30a0-11ea-896a-00005f259c6e',
  device_id: '20:C3:13:0F:1D:2A',
  device_name: 'Aisle Camera',
  channel: 'd86d75e2-3338-11ea-95e3-000071946766',
};
export const DOC_CHANNEL = {
  store: 'aec3dc7e-9e2c-11e5-9bb4-0e5ba9bee1b9',
  channel_uuid: '9290bc70-3480-11ea-81c9-c000c7e8079e',
  device_uuid: '92710a06-3480-11ea-9877-40003d3dd9a9',
  name: 'Registration Desk',
  export_channel: 'f2b81aa0-8c90-11eb-9d08-c00017306bd8',
};
export const DOC_ALERT_CAMERA = {
  store: 'aec3dc7e-9e2c-11e5-9bb4-0e5ba9bee1b9',
  device_id: '20:C3:A4:80:09:69',
  device_name: 'CCP Aurora',
};
export const DOC_APPLIANCE = {
  store: 'af21ffd8-9e2c-11e5-9bc9-0e5ba9bee1b9',
  appliance_id: '323231f8-6afg-11eb-8684-4000fc072082',
  mac_address: '00:0D:29:60:FB:CB',
};

export const PLACE_WORDS = [
  'Oak', 'Maple', 'Cedar', 'Harbor', 'River', 'Lake', 'Hill', 'Bridge', 'Park', 'Market', 'Mill', 'Station',
  'Union', 'Liberty', 'Summit', 'Meadow', 'Pine', 'Willow', 'Stone', 'Bay', 'Canyon', 'Falls', 'Grove', 'Valley',
  'Crown', 'King', 'Queen', 'Elm', 'Birch', 'Spring', 'Highland', 'Riverside', 'Lakeside', 'Brook', 'Fair', 'North',
  'South', 'East', 'West', 'Old Town', 'Newport', 'Ashford', 'Kingsway', 'Redwood', 'Silver', 'Golden', 'Clover',
];
export const PLACE_SUFFIXES = ['Plaza', 'Center', 'Mall', 'Commons', 'Square', 'Galleria', 'Outlet', 'Village', 'Crossing', 'Row', 'Street', 'Point'];
export const BRANDS = ['Northwind Apparel', 'Northwind Outlet', 'Contoso Home'];
export const FIRST_NAMES = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn', 'Drew', 'Robin', 'Sandra', 'Lee', 'Kim'];
export const LAST_NAMES = ['Bloch', 'Garcia', 'Chen', 'Okafor', 'Novak', 'Silva', 'Larsen', 'Tanaka', 'Moreau', 'Kowalski', 'Haddad', 'Byrne'];
