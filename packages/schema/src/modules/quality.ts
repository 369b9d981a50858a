import { builder } from '../builder';

export const ImageQualityEnum = builder.enumType('ImageQuality', {
  description: 'Trade speed for detail.',
  values: {
    DRAFT: { description: 'Fastest, least detail.' },
    STANDARD: { description: 'The default.' },
    HIGH: { description: 'Most detail, slowest.' },
  },
});
