/**
 * Ids of the simulator's tiny and realistic datasets that tests name, written
 * once (they were re-declared in every step test).
 */

/** tinyDataset: the one account, its two zones and three members. */
export const TINY_ACCOUNT = 'ba68a4165965bae09b3065e30a16ee77';
export const COM_ZONE = '117e94fa2983f4823beed0d08f3a0d39';
export const NET_ZONE = '6442bb04190f885bb028e63b369538d5';
export const ADA = '39c907355338d7f4f141ef5edf993a5f';
export const GRACE = '844d64e4af6f6c6384b905f88f5cbe9b';
export const NEW_HIRE = 'bf464c160074ddbb017616130a93ff04';

/** realisticDataset: its three accounts. */
export const ACME_CORP = '1fc675a3041063afd773477f673b43cc';
export const ACME_LABS = '0da10344e773e794262f8baa2bb3f3c5';
export const SANDBOX = '32895b171ee9cb3f51efebeddc07b8e3';

/** Role ids of the catalogue both datasets use. */
export const ADMIN_READ_ONLY_ID = '58585779bdc27b4b8f29cba6b4286460';
export const DNS_ROLE_ID = 'c998f4b5af9c8e4b110b7f282f35b999';
