/** INSPIRESELF's shop in seed 000's demo catalogue: the seed adds it, the document shows it for example. */
export const INSPIRESELF_PLACE = {
  street: 'rue de la Boétie',
  zipcode: '33300',
  city: 'Bordeaux',
  latitude: 44.839438,
  longitude: -0.5803727,
  main: true,
};
