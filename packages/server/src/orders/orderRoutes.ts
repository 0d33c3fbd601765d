import { childFeature } from '../customers/childRoutes.js';
import { createOrderBody, orderSchema, updateOrderBody } from './orderSchemas.js';
import { orderResource } from './orderService.js';

export const ordersFeature = childFeature({
  path: 'orders',
  resource: orderResource,
  item: orderSchema,
  createBody: createOrderBody,
  updateBody: updateOrderBody,
});
