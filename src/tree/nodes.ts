// Every kind of row of the WorkSpaces explorer, one class per kind: the base (node.ts), the rows
// with children (containers.ts) and the leaf rows (rows.ts).
export { ContainerNode, Node, type NodeKind, type TreeContext } from './node';
export { CategoryNode, DirectoryNode, GroupNode, ProfileNode, RegionNode } from './containers';
export { fleetRows } from './root';
export { EmptyAccountsNode, OrganizationNode } from './organizations';
export { ErrorNode, ImageNode, InfoNode, LoadMoreNode, PoolNode, WorkspaceNode } from './rows';
